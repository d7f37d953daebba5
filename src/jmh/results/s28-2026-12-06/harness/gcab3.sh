. <(sed -n '/^run()/,/^}/p' /tmp/gcab.sh)
cd /work/main
echo "# $(date -u +%FT%TZ) threads ${T:-1}, ${IDLE:-3} s idle before each run; build $(git rev-parse --short HEAD)+working tree; load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq ${N:-4}); do
  run g1-off "" PATHNORM_GC=off
  run par32-on "" PATHNORM_GC=on
done
