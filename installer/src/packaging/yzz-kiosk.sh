#!/bin/sh
# The kiosk a village runs: /opt/yzz-kiosk/bin/yzz-kiosk --data-dir DIR --config FILE [KioskMain's options].
# Everything it loads is in this package: the runtime, the jars, and the native libraries, which are
# loaded from lib/ and never unpacked into /tmp or the home folder (a locked-down kiosk mounts them noexec).
APP="$(dirname "$(dirname "$(readlink -f "$0")")")"
L="$APP/lib"
# glibc keeps the 8 MB frame buffers JavaFX allocates after each GC; returning large blocks keeps resident memory flat.
export MALLOC_MMAP_THRESHOLD_=131072
# The ahead-of-time cache (made at package time by one start of this launcher) holds the classes start-up
# loads, already parsed and linked, and their profiles. It only fits this runtime and these jars; if it does
# not fit, the JVM starts without it.
AOT=""
[ -f "$L/yzz-kiosk.aot" ] && AOT="-XX:AOTCache=$L/yzz-kiosk.aot"
# On two cores C2 competes with start-up and C1 is plenty for a kiosk UI; the heap is sized for the kiosk
# (about 35 MB live), not for the machine.
exec "$APP/runtime/bin/java" $AOT \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m -Xmx256m \
  -Dfile.encoding=UTF-8 -Dsun.jnu.encoding=UTF-8 -Dprism.order=sw \
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dorg.sqlite.lib.path="$L/native" -Dorg.sqlite.lib.name=libsqlitejdbc.so -DjSerialComm.library.path="$L/native" \
  -cp "@KIOSK_CLASSPATH@" cn.yzz.kiosk.app.KioskMain "$@"
