echo "web serving $(cat /srv/html/index.html)"
exec httpd -f -p 8000 -h /srv/html
