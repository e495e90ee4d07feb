#!/usr/bin/env sh
# Builds a small demo catalog with one-shot commands, to have something to look at:
#   AMSH_CATALOG=/tmp/amsh-demo examples/demo.sh && AMSH_CATALOG=/tmp/amsh-demo ./amsh
set -e
here=$(cd "$(dirname "$0")" && pwd)
amsh="$here/../amsh"
images="$here/images"
"$amsh" image add jammy:android13:amd64 "$images/jammy-android13-amd64-r1.img"
"$amsh" image update jammy:android13:amd64 "$images/jammy-android13-amd64-r2.img"
"$amsh" image add jammy:android13:arm64 "$images/jammy-android13-arm64.img" --arch aarch64
"$amsh" image add focal:android12:amd64 "$images/focal-android12-vm.img" --type vm
"$amsh" application create game-streaming --image jammy:android13:amd64
"$amsh" application create vm-test --vm
"$amsh" image list
