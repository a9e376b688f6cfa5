# The site's instances, for deploy/varnish/baspa.vcl (copy to backends.vcl beside it). Each is
# probed on /api/health: a stopped instance leaves the rotation within two seconds.
probe health {
    .url = "/api/health";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}

backend site1 { .host = "127.0.0.1"; .port = "3001"; .probe = health; }
backend site2 { .host = "127.0.0.1"; .port = "3002"; .probe = health; }

sub vcl_init {
    new site = directors.round_robin();
    site.add_backend(site1);
    site.add_backend(site2);
}
