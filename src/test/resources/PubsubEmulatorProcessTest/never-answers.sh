#!/bin/sh
# Stands in for a launcher whose child process never listens: like the real launcher, the work
# happens in a child, so stopping only this script would leave the child running.
sleep 300 &
echo "$!" > "$(dirname "$0")/child.pid"
echo "fake emulator child $! started, never listening"
wait
