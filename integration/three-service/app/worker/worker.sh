i=0
while true; do
  echo "worker v1 tick $i"
  i=$((i + 1))
  sleep 2
done
