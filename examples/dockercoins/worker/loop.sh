# Mines forever. mine.sh is read again on every round, so a live update of it takes effect
# without restarting the container.
echo "worker started"
while true; do
  . /app/mine.sh
  sleep 0.2
done
