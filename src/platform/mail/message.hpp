// Pure pieces of an Internet message (RFC 5322 / 2045 / 2047 / 5321), kept apart from the
// socket code so they are unit-tested without a server.
#pragma once

#include <string>
#include <string_view>

namespace mc::mail {

// A header value as RFC 2047 encoded-words (=?UTF-8?B?...?=) when it is not plain ASCII;
// words stay under 76 characters, never split a UTF-8 sequence, and are folded with CRLF SP.
std::string encode_header_word(std::string_view text);
// Quoted-printable body (RFC 2045) for servers without 8BITMIME; CRLF line ends.
std::string quoted_printable(std::string_view text);
// CRLF line ends and a leading '.' doubled on each line (RFC 5321 4.5.2), ready for DATA.
std::string dot_stuff(std::string_view text);
// The address inside "Name <addr>", or the whole text when there are no brackets.
std::string envelope_address(std::string_view mailbox);
// True when the text could end a header line or smuggle a command (CR, LF, NUL).
bool has_line_break(std::string_view text);

} // namespace mc::mail
