# One round: random bytes from rng, hashed; a hash that starts with the difficulty's prefix is a
# coin, and goes to the store.
DIFFICULTY=0
RNG="http://$RNG_SERVICE_HOST:$RNG_SERVICE_PORT/cgi-bin/rng"
STORE="http://$STORE_SERVICE_HOST:$STORE_SERVICE_PORT/cgi-bin/add"
bytes=$(wget -qO- "$RNG") || { echo "rng not reachable"; return 0; }
hash=$(echo "$bytes" | md5sum | cut -c1-32)
case "$hash" in
  "$DIFFICULTY"*)
    total=$(wget -qO- --post-data="$hash" "$STORE") || { echo "store not reachable"; return 0; }
    echo "mined coin $hash (the store has $total)"
    ;;
esac
