// The roles of the program. A user may hold several (a coach who is also an assessor).
// Stored as a bitmask in users.roles; the router's AccessRule takes the same bits.
#pragma once

#include <cstdint>
#include <string_view>

namespace mc::accounts {

enum Role : std::uint32_t {
    educator = 1u << 0,
    coach = 1u << 1,
    assessor = 1u << 2,
    program_admin = 1u << 3,
    agency_admin = 1u << 4,
    // Reviews who opened evidence with children in it and may open it to check: no other power.
    auditor = 1u << 5,
    // Directs a child care program (the user's employer organization): sees and confirms the
    // employment of that program's staff and their progress; never their evidence.
    director = 1u << 6,
    // Works for a college (the user's employer organization, kind 'college'): reads the
    // portfolios educators choose to send and records credit granted or denied.
    college_partner = 1u << 7,
};

inline constexpr std::uint32_t any_admin = program_admin | agency_admin;
inline constexpr std::uint32_t all_roles =
    educator | coach | assessor | program_admin | agency_admin | auditor | director | college_partner;

// Stable names used in forms, the API and the locale catalog (roles.<name>).
constexpr std::string_view role_name(Role r) {
    switch (r) {
    case educator: return "educator";
    case coach: return "coach";
    case assessor: return "assessor";
    case program_admin: return "program_admin";
    case agency_admin: return "agency_admin";
    case auditor: return "auditor";
    case director: return "director";
    case college_partner: return "college_partner";
    }
    return "";
}

inline constexpr Role every_role[] = {educator, coach, assessor, program_admin, agency_admin, auditor, director, college_partner};

} // namespace mc::accounts
