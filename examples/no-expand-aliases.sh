#!/bin/bash
# A bash script that relies on an alias, but bash scripts do not expand
# aliases unless `shopt -s expand_aliases` ran on an earlier line.
set -eu
alias log='printf "[%s] %s\n" "$(date +%T)"'
log "starting backup"
tar -czf /tmp/backup.tgz "$HOME/notes"
log "done"
