# The instances behind the cache (an example: one line per instance). Included by broadsheet.vcl.
import directors;

backend instance1 { .host = "10.0.0.11"; .port = "8080"; .probe = broadsheet_health; }
backend instance2 { .host = "10.0.0.12"; .port = "8080"; .probe = broadsheet_health; }

sub vcl_init {
    new instances = directors.round_robin();
    instances.add_backend(instance1);
    instances.add_backend(instance2);
    # Most read's counts: one reader, one instance.
    new readers = directors.hash();
    readers.add_backend(instance1, 1.0);
    readers.add_backend(instance2, 1.0);
}
