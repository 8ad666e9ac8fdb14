"""A run: ingest -> extract -> resolve -> write, the flow the CLI, the API and a distributed engine all call.

It sits above ``store`` (which only reads and writes rows) and below the interfaces, so that no storage code
drives extraction and any caller can run the same flow.
"""
