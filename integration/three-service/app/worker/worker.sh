i=0
while true; do
  echo "worker v1 tick $i"
  touch /ticked
  i=$((i + 1))
  sleep 2
done
