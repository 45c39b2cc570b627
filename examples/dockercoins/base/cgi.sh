# Shared by the services' CGI scripts: a plain-text HTTP response (CRLF header lines: httpd
# passes them through as they are, and strict HTTP clients refuse bare LF).
reply() {
  printf 'Content-Type: text/plain\r\nCache-Control: no-store\r\n\r\n%s\n' "$1"
}
