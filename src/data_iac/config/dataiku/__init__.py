"""The Dataiku project format (``project.yml``): models, rules, type names, resources."""
