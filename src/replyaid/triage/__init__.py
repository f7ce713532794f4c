"""Triage: topic, department, complaint and sentiment classifiers."""
