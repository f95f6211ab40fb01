#!/bin/sh
# kioskctl, the installers' field tool, on the package's own runtime. Native libraries are loaded from
# lib/native, never unpacked into /tmp or the home folder (noexec on a locked-down kiosk).
APP="$(dirname "$(dirname "$(readlink -f "$0")")")"
L="$APP/lib"
exec "$APP/runtime/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -Dfile.encoding=UTF-8 -Dsun.jnu.encoding=UTF-8 \
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dorg.sqlite.lib.path="$L/native" -Dorg.sqlite.lib.name=libsqlitejdbc.so -DjSerialComm.library.path="$L/native" \
  -cp "@KIOSKCTL_CLASSPATH@" cn.yzz.kiosk.installer.Kioskctl "$@"
