# The worker's mining round, run on this machine with rng and the store played by a function.
set -eu
cd "$(dirname "$0")/.."
wget() {
  case "$*" in
    *cgi-bin/rng*) echo abc ;;
    *cgi-bin/add*) echo 7 ;;
  esac
}
RNG_SERVICE_HOST=rng RNG_SERVICE_PORT=8000 STORE_SERVICE_HOST=store STORE_SERVICE_PORT=8000
out=$(. ./worker/mine.sh)
want="mined coin 0bee89b07a248e27c83fc3d5951213c1 (the store has 7)"
if [ "$out" != "$want" ]; then
  echo "FAIL: got '$out', want '$want'"
  exit 1
fi
echo "PASS: a hash with the difficulty's prefix is a coin and goes to the store"
