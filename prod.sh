#!/usr/bin/env bash
# Builds the server jar when it is missing or older than its sources, then runs it.
set -euo pipefail
cd "$(dirname "$0")"
jar=target/groupchat2.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src sql public -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building $jar ..."
  mvn -B -q -DskipTests package
fi
# Class loading is most of the start-up: the first run after a build records the classes it
# loaded into an AppCDS archive when it exits, later runs map it in (about a third faster).
jsa=target/groupchat2.jsa
if [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ]; then
  cds="-XX:SharedArchiveFile=$jsa"
else
  rm -f "$jsa"
  cds="-XX:ArchiveClassesAtExit=$jsa"
fi
# -Xlog:cds=off: recording prints a warning for every class it cannot archive; they are harmless.
exec java "$cds" -Xlog:cds=off -Xlog:cds+dynamic=off ${JAVA_OPTS:-} -jar "$jar" "$@"
