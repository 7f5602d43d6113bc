#!/usr/bin/env bash
# p2 install test: installs the EL2 Studio feature from the built update site
# (update-site/target/repository) into a copy of the bare Eclipse platform product
# (product/target/products/io.el2studio.platform, the stand-in for an existing Eclipse) with the
# p2 director (Tycho's director mojo: the product itself carries no director application), then
# checks that the copy's bundles.info lists the three EL2 Studio bundles and their jars exist.
# Run after a build (./el2studio test does both). Exit status 0 = installed.
set -euo pipefail
EL2_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../tools/common.sh
. "$EL2_ROOT/tools/common.sh"
find_java

site=$EL2_ROOT/update-site/target/repository
platform=$EL2_ROOT/product/target/products/io.el2studio.platform/linux/gtk/x86_64
copy=$EL2_ROOT/target/p2-install/eclipse
bundles_info=$copy/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info
expected=(io.el2studio.sim io.el2studio.debug.core io.el2studio.debug.ui)

fail() { echo "p2-install: FAILED: $*" >&2; exit 1; }

[ -f "$site/content.jar" ] || [ -f "$site/content.xml" ] || [ -f "$site/content.xml.xz" ] ||
  fail "no update site at $site (build first: ./mvnw verify)"
[ -f "$platform/configuration/config.ini" ] || fail "no platform product at $platform (build first)"
ls "$site"/features/io.el2studio.feature_*.jar >/dev/null 2>&1 || fail "the update site has no io.el2studio.feature"

rm -rf "$EL2_ROOT/target/p2-install"
mkdir -p "$EL2_ROOT/target/p2-install"
cp -a "$platform" "$copy"
if grep -q '^io\.el2studio\.' "$bundles_info"; then
  fail "the platform copy already contains EL2 Studio bundles"
fi
before=$(grep -vc '^#' "$bundles_info")

echo "p2-install: installing io.el2studio.feature.feature.group from $site into $copy"
mvnw_run -B -q -N "org.eclipse.tycho:tycho-p2-director-plugin:$EL2_TYCHO:director" \
  -Ddestination="$copy" -Dprofile=DefaultProfile \
  -Drepositories="$(cd "$site" && pwd | sed 's#^#file://#')" \
  -DinstallIUs=io.el2studio.feature.feature.group ||
  fail "the p2 director could not install the feature"

for b in "${expected[@]}"; do
  line=$(grep "^$b," "$bundles_info") || fail "$b is not in $bundles_info"
  jar=$copy/$(echo "$line" | cut -d, -f3)
  [ -f "$jar" ] || fail "$b: $jar missing"
  echo "p2-install: $line"
done
after=$(grep -vc '^#' "$bundles_info")
echo "p2-install: passed: bundles.info lists $before bundles before and $after after the install"
