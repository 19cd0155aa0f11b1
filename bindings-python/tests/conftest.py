"""The example UAT suite in `example_uat/` is run by test_plugin.py in subprocesses,
never collected by this suite itself."""

collect_ignore = ["example_uat"]
