"""``python -m data_iac`` is the ``iac`` command."""

from data_iac.cli.main import main

if __name__ == "__main__":
    main()
