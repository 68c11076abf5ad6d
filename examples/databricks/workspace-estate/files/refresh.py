# Databricks notebook source
print("refresh the estate")
