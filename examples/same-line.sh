#!/bin/sh
# The alias is defined and used in one parse unit: the shell read the use
# before the definition ran.
for host in alpha beta; do
  alias ssh_q='ssh -o BatchMode=yes -o ConnectTimeout=5'
  ssh_q "$host" uptime
done
