#!/bin/sh
# Stands in for an emulator launcher that cannot start.
echo "starting fake emulator with $*"
echo "Error: could not find java on PATH" >&2
exit 3
