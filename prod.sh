#!/usr/bin/env bash
# Builds the server jar when it is missing or older than its sources, then runs it.
set -euo pipefail
cd "$(dirname "$0")"
jar=target/groupchat2.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src sql public -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building $jar ..."
  mvn -B -q -DskipTests package
fi
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
