echo "worker v1 working"
while true; do sleep 1; done
