echo "ticker started: $(cat /app/version.txt)"
while true; do sleep 1; done
