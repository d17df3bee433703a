#!/usr/bin/env python3
"""Writes the depth-bomb seeds of tests/fuzz/corpus/<target>/: credentials, JWTs, PNG and SVG
badges and /verify form bodies nested far past every limit (JSON depth 64, SVG depth 256), the
class of input that once overflowed the stack in the verify path. Run from the repository root:
    python3 tests/fuzz/depth_seeds.py [levels]     # default 10000
"""
import base64, os, struct, sys, zlib
from urllib.parse import quote

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
root = 'tests/fuzz/corpus'

def write(target, name, data):
    os.makedirs(f'{root}/{target}', exist_ok=True)
    with open(f'{root}/{target}/{name}', 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def b64u(data):
    return base64.urlsafe_b64encode(data.encode() if isinstance(data, str) else data).decode().rstrip('=')

def chunk(kind, data):
    body = kind + data
    return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)

arrays = '[' * N + ']' * N
objects = '{"a":' * N + '1' + '}' * N
def credential(inner):
    return ('{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],'
            '"proof":{"type":"DataIntegrityProof"},"evidence":' + inner + '}')
jwt_payload = b64u('{"alg":"EdDSA","kid":"k"}') + '.' + b64u(credential(arrays)) + '.' + b64u(b'x' * 64)
jwt_header = b64u('{"alg":"EdDSA","x":' + arrays + '}') + '.' + b64u('{}') + '.' + b64u(b'x' * 64)
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', bytes([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])) +
       chunk(b'IDAT', zlib.compress(b'\x00\x80')))
png_bomb = png + chunk(b'iTXt', b'openbadgecredential\x00\x00\x00\x00\x00' + credential(arrays).encode()) + chunk(b'IEND', b'')
svg_bomb = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
            '<openbadges:credential><![CDATA[' + credential(arrays) + ']]></openbadges:credential></svg>')
svg_elements = '<svg xmlns="http://www.w3.org/2000/svg">' + '<g>' * N + '</g>' * N + '</svg>'

for target in ['fuzz_jsonld', 'fuzz_ob3_schema']:
    write(target, 'depth_bomb_arrays.json', credential(arrays))
    write(target, 'depth_bomb_objects.json', objects)
write('fuzz_jwt', 'depth_bomb_payload.jwt', jwt_payload)
write('fuzz_jwt', 'depth_bomb_header.jwt', jwt_header)
write('fuzz_jwt', 'depth_bomb_json.json', objects)
write('fuzz_png_bake', 'depth_bomb_credential.png', png_bomb)
write('fuzz_svg_bake', 'depth_bomb_credential.svg', svg_bomb)
write('fuzz_svg_bake', 'depth_bomb_elements.svg', svg_elements)
# fuzz_verify_files: the first byte picks options, the rest is the file.
for name, data in [('json', credential(arrays)), ('objects', objects), ('jwt', jwt_payload), ('png', png_bomb),
                   ('svg', svg_bomb), ('svg_elements', svg_elements)]:
    write('fuzz_verify_files', 'depth_bomb_' + name, b'\x00' + (data if isinstance(data, bytes) else data.encode()))
# fuzz_verify_request: the first byte picks JSON/HTML and the language, the rest is the form body.
for name, data in [('paste', credential(arrays)), ('objects', objects), ('jwt', jwt_payload), ('svg', svg_bomb)]:
    write('fuzz_verify_request', 'depth_bomb_' + name, b'\x01credential=' + quote(data).encode())
write('fuzz_verify_request', 'depth_bomb_png', b'\x03image_base64=' + base64.urlsafe_b64encode(png_bomb).rstrip(b'='))
write('fuzz_verify_request', 'not_a_credential', b'\x00credential=hello')
