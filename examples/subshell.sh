#!/bin/sh
# Aliases defined in a subshell vanish with it.
(
  cd /tmp || exit
  alias ll='ls -l'
)
ll /tmp
