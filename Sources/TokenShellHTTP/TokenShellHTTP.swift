// The libcurl transport.
