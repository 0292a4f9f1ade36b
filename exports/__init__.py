"""Report tables built from the store and their writers. Never imports textual."""
