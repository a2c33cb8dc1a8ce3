#!/bin/sh
# Helper functions are read before `configure` defines the alias, so they
# never see it, even though they run after it.
fetch() {
  http --timeout 10 "$1"
}

configure() {
  alias http='curl -fsSL'
}

configure
fetch https://example.com/status
