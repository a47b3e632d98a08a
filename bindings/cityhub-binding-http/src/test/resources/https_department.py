# A department's web service as the simplest ones are: Python's http.server serving files over HTTPS (Python's ssl,
# i.e. OpenSSL), with the content types it guesses from file names. Arguments: port, folder, certificate, key.
import functools
import http.server
import ssl
import sys

port, folder, certificate, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(certificate, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
print("serving", folder, "on https port", port, flush=True)
server.serve_forever()
