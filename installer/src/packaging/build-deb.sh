#!/usr/bin/env bash
# Builds the kiosk's Debian package, target/yzz-kiosk_<version>_amd64.deb, from the jars Maven built
# (kiosk-app and installer, with their runtime class paths; ./kiosk package runs Maven first):
#
#   /opt/yzz-kiosk/bin/yzz-kiosk        the kiosk (cn.yzz.kiosk.app.KioskMain; never the demo)
#   /opt/yzz-kiosk/bin/kioskctl         the installers' tool
#   /opt/yzz-kiosk/lib/app/             the jars, and JavaFX's .so files next to its jars
#   /opt/yzz-kiosk/lib/native/          sqlite-jdbc's and jSerialComm's .so files
#   /opt/yzz-kiosk/lib/yzz-kiosk.aot    the ahead-of-time cache of the kiosk's start-up (JEP 483/514)
#   /opt/yzz-kiosk/runtime/             a Java runtime made by jlink from Temurin 25
#   /usr/bin/yzz-kiosk, /usr/bin/kioskctl  links to the launchers
#
# No native library is ever unpacked at run time (a locked-down kiosk mounts /tmp and home noexec): the
# launchers point sqlite-jdbc and jSerialComm at lib/native, JavaFX loads the .so files beside its jar,
# and the copies inside the jars are deleted so that nothing could be unpacked even by mistake.
#
# usage: build-deb.sh [--image-only] [--if-stale]
#   --image-only  stop after the unpacked image, target/package/root (with the AOT cache): enough to run
#                 and measure the packaged kiosk (target/package/root/opt/yzz-kiosk/bin/yzz-kiosk)
#   --if-stale    do nothing when the output is newer than every jar, this folder and the JDK
# Prints the path of the .deb (or of the image) on standard output; progress goes to standard error.
# Needs: Temurin 25 (KIOSK_PACKAGE_JDK), zip, unzip, Xvfb + libgtk-3-0 (the training start), dpkg-dev.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
JDK="${KIOSK_PACKAGE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PKG=yzz-kiosk
PREFIX=/opt/yzz-kiosk
say() { printf 'package: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

image_only=false; if_stale=false
for a in "$@"; do
  case "$a" in
    --image-only) image_only=true ;;
    --if-stale) if_stale=true ;;
    *) die "unknown option '$a' (usage: build-deb.sh [--image-only] [--if-stale])" ;;
  esac
done

# ---- version: the POM's, in Debian's rules ('-SNAPSHOT' sorts before the release only as '~SNAPSHOT')
pom_version="$(sed -n '/<artifactId>kiosk-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
version="${pom_version//-/\~}"
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "the POM's version '$pom_version' does not make a Debian version"
DEB="$ROOT/target/${PKG}_${version}_amd64.deb"
OUT="$ROOT/target/package"
IMAGE="$OUT/root"

# ---- inputs: each composition root's jar and its runtime class path (written by Maven at package time)
for m in kiosk-app installer; do
  [ -f "$ROOT/$m/target/$m-$pom_version.jar" ] && [ -f "$ROOT/$m/target/classpath.txt" ] \
    || die "$m is not built: run mvn -DskipTests package (./kiosk package does)"
done
jars_of() { # module: its jar, then its runtime dependencies, one a line
  echo "$ROOT/$1/target/$1-$pom_version.jar"
  tr ':' '\n' < "$ROOT/$1/target/classpath.txt" | sed '/^$/d'
}
mapfile -t kiosk_jars < <(jars_of kiosk-app)
mapfile -t ctl_jars < <(jars_of installer)

[ -x "$JDK/bin/jlink" ] || die "Temurin 25 is needed at $JDK (or set KIOSK_PACKAGE_JDK)"
product="$DEB"; $image_only && product="$OUT/.image-built"
if $if_stale && [ -f "$product" ] && [ -z "$(find "${kiosk_jars[@]}" "${ctl_jars[@]}" "$HERE" "$JDK/release" -newer "$product" -print -quit)" ]; then
  say "$(basename "$product") is up to date"
  $image_only && echo "$IMAGE" || echo "$DEB"
  exit 0
fi
for t in zip unzip Xvfb dpkg-deb dpkg-shlibdeps; do command -v "$t" >/dev/null || die "'$t' is missing (./kiosk package installs it)"; done
for j in "${kiosk_jars[@]}"; do [[ "$j" == */kiosk-demo* || "$j" == */dev-backend* ]] && die "the kiosk's class path carries $j: the village build must not"; done

started=$SECONDS
rm -rf "$OUT"
APP="$IMAGE$PREFIX"
mkdir -p "$APP/bin" "$APP/lib/app" "$APP/lib/native" "$IMAGE/usr/bin"

# ---- jars. The classifier-less javafx-*.jar are empty stubs (the -linux ones hold the classes).
is_stub() { [[ "$(basename "$1")" =~ ^javafx-[a-z]+-[0-9.]+\.jar$ ]]; }
declare -A copied=()
for j in "${kiosk_jars[@]}" "${ctl_jars[@]}"; do
  is_stub "$j" && continue
  n="$(basename "$j")"
  [ -n "${copied[$n]:-}" ] && continue
  cp "$j" "$APP/lib/app/$n"; copied[$n]=1
done
classpath_of() { # jars…: the launcher's class path, "$L/app/a.jar:…" (L is set by the launcher)
  local j out=""
  for j in "$@"; do is_stub "$j" || out+="\$L/app/$(basename "$j"):"; done
  echo "${out%:}"
}

# ---- native libraries out of the jars, and out of reach of their unpackers
fx="$(ls "$APP"/lib/app/javafx-graphics-*-linux.jar)"
# prism_es2 (OpenGL) is left out: the kiosk draws with Prism's software pipeline (-Dprism.order=sw).
unzip -q -j -o "$fx" '*.so' -x 'libprism_es2.so' -d "$APP/lib/app"
zip -q -d "$fx" '*.so'
sq="$(ls "$APP"/lib/app/sqlite-jdbc-*.jar)"
unzip -q -j -o "$sq" 'org/sqlite/native/Linux/x86_64/libsqlitejdbc.so' -d "$APP/lib/native"
zip -q -d "$sq" 'org/sqlite/native/*'
sc="$(ls "$APP"/lib/app/jSerialComm-*.jar)"
unzip -q -j -o "$sc" 'Linux/x86_64/libjSerialComm.so' -d "$APP/lib/native"
zip -q -d "$sc" 'Linux/*' 'Windows/*' 'OSX/*' 'Android/*' 'FreeBSD/*' 'OpenBSD/*' 'Solaris/*'
chmod 644 "$APP"/lib/app/*.so "$APP"/lib/native/*.so

# ---- the runtime. The modules the code uses (jdeps) plus what jdeps cannot see: jdk.charsets (GBK for
# the printer and scanners), jdk.localedata (Chinese dates), jdk.unsupported.desktop (javafx-swing).
# Uncompressed: the .deb compresses it, and an uncompressed image reads faster at start-up.
MODULES=java.base,java.desktop,java.management,java.net.http,java.smartcardio,java.sql,jdk.jfr,jdk.net,jdk.unsupported,jdk.unsupported.desktop,jdk.charsets,jdk.localedata
JLINK_OPTS=(--add-modules "$MODULES" --include-locales=en,zh --strip-debug --no-header-files --no-man-pages)
# jlink takes 10-20 s and its output depends only on the JDK and these options: kept between builds.
runtime_key="$( (cat "$JDK/release"; echo "$JDK ${JLINK_OPTS[*]}") | sha256sum | cut -c1-16)"
runtime_cache="$ROOT/target/jlink-runtime/$runtime_key"
if [ ! -x "$runtime_cache/bin/java" ]; then
  rm -rf "$ROOT/target/jlink-runtime"
  "$JDK/bin/jlink" "${JLINK_OPTS[@]}" --output "$runtime_cache.new"
  mv "$runtime_cache.new" "$runtime_cache"
fi
cp -a "$runtime_cache" "$APP/runtime"

# ---- launchers
sed "s|@KIOSK_CLASSPATH@|$(classpath_of "${kiosk_jars[@]}")|" "$HERE/yzz-kiosk.sh" > "$APP/bin/yzz-kiosk"
sed "s|@KIOSKCTL_CLASSPATH@|$(classpath_of "${ctl_jars[@]}")|" "$HERE/kioskctl.sh" > "$APP/bin/kioskctl"
chmod 755 "$APP/bin/yzz-kiosk" "$APP/bin/kioskctl"
ln -s "$PREFIX/bin/yzz-kiosk" "$IMAGE/usr/bin/yzz-kiosk"
ln -s "$PREFIX/bin/kioskctl" "$IMAGE/usr/bin/kioskctl"
say "image made in $((SECONDS - started)) s"

# ---- the ahead-of-time cache: one start of the packaged kiosk, through its own launcher, that exits once
# the home screen is drawn (--measure-startup). JDK 25 trains and writes the cache in that one run.
t0=$SECONDS
train="$OUT/train"
mkdir -p "$train/data"
"$APP/bin/kioskctl" config example desktop > "$train/kiosk.json"
xvfb_out="$train/xvfb.display"
Xvfb -displayfd 1 -screen 0 1080x1920x24 -nolisten tcp -nocursor > "$xvfb_out" 2>/dev/null &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 150); do [ -s "$xvfb_out" ] && break; sleep 0.1; done
[ -s "$xvfb_out" ] || die "Xvfb did not start"
if ! DISPLAY=":$(head -n 1 "$xvfb_out")" JDK_JAVA_OPTIONS="-XX:AOTCacheOutput=$APP/lib/yzz-kiosk.aot" \
     "$APP/bin/yzz-kiosk" --data-dir "$train/data" --config "$train/kiosk.json" --measure-startup > "$train/run.log" 2>&1 \
   || [ ! -s "$APP/lib/yzz-kiosk.aot" ]; then
  cat "$train/run.log" >&2
  die "the training start of the kiosk failed (log above)"
fi
kill $xvfb 2>/dev/null || true; wait $xvfb 2>/dev/null || true; trap - EXIT
chmod 644 "$APP/lib/yzz-kiosk.aot"
say "ahead-of-time cache made in $((SECONDS - t0)) s ($(grep -o 'startup-ms=[0-9]*' "$train/run.log") while training)"
rm -rf "$train"
touch "$OUT/.image-built"
$image_only && { say "image ready: $APP"; echo "$IMAGE"; exit 0; }

# ---- the package. Depends: the shared libraries the runtime's and JavaFX's .so files link (dpkg-shlibdeps),
# plus what is loaded by name or run: the PC/SC library (javax.smartcardio) and its daemon for the social
# security card reader, libcups2 and lpr (javax.print hands jobs to lpr; cups-bsd), the Chinese font,
# espeak-ng (the voice). Recommends: what runs the kiosk as a locked-down service (kioskctl install), and polkitd, through
# which the console corrects a wrong clock (the rule kioskctl install writes).
t0=$SECONDS
mkdir -p "$OUT/shlibs/debian" "$IMAGE/DEBIAN"
printf 'Source: %s\n\nPackage: %s\nArchitecture: amd64\n' "$PKG" "$PKG" > "$OUT/shlibs/debian/control"
mapfile -t elves < <(find "$APP" -type f -name '*.so' -o -type f -path '*/runtime/bin/*')
shlibs="$(cd "$OUT/shlibs" && dpkg-shlibdeps -O --warnings=0 "${elves[@]/#/-e}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no libraries"
depends="$shlibs, libpcsclite1, pcscd, libcups2, cups-bsd, fonts-wqy-microhei, espeak-ng"
installed_kb="$(du -sk --exclude=DEBIAN "$IMAGE" | cut -f1)"
cat > "$IMAGE/DEBIAN/control" <<CONTROL
Package: $PKG
Version: $version
Architecture: amd64
Maintainer: 粤智助 kiosk client <kiosk@yzz.invalid>
Installed-Size: $installed_kb
Depends: $depends
Recommends: cups, xserver-xorg-core, xserver-xorg-input-libinput, xinit, polkitd
Suggests: socat
Section: misc
Priority: optional
Description: 粤智助 self-service kiosk client (village build)
 The kiosk (yzz-kiosk) and the installers' tool (kioskctl) with their own Java
 runtime, JavaFX and native libraries, and an ahead-of-time cache of the
 kiosk's start-up. Install and lock the kiosk down with: kioskctl install.
CONTROL
rm -f "$DEB"
# zstd -3 packs in seconds where xz takes minutes on two cores, for a package 20 % larger.
dpkg-deb --root-owner-group -Zzstd -z3 --build "$IMAGE" "$DEB" >/dev/null
rm -rf "$IMAGE/DEBIAN" "$OUT/shlibs"
say "$(basename "$DEB"): $(du -h "$DEB" | cut -f1) ($((installed_kb / 1024)) MB installed), packed in $((SECONDS - t0)) s, $((SECONDS - started)) s in all"
echo "$DEB"
