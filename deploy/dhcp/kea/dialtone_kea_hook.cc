// Kea DHCPv4 hook library that forwards lease events to dialtone-dhcp-post, with the phone's
// vendor class (option 60), which Kea's run_script library does not pass on.
//
//   "hooks-libraries": [{ "library": "/usr/local/lib/dialtone/libdialtone_kea_hook.so",
//                         "parameters": { "script": "/usr/local/lib/dialtone/dialtone-dhcp-post" } }]
//
// leases4_committed → commit (every lease of the packet), lease4_release → release,
// lease4_expire → expiry. The script is started without waiting for it (double fork): Kea never
// waits for provd, and dialtone-dhcp-post bounds the reports in time and number.
// Build: see deploy/dhcp/kea/build.sh (needs g++ and Debian's kea-dev).
#include <cc/data.h>
#include <dhcp/option.h>
#include <dhcp/pkt4.h>
#include <dhcpsrv/lease.h>
#include <hooks/hooks.h>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

using namespace isc::data;
using namespace isc::dhcp;
using namespace isc::hooks;

namespace {

std::string script;

std::string hexDotted(const std::vector<uint8_t>& bytes) {
  std::string out;
  char byte[4];
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::snprintf(byte, sizeof byte, i ? ".%02x" : "%02x", bytes[i]);
    out += byte;
  }
  return out;
}

std::string vendorClass(const Pkt4Ptr& query) {
  if (!query) return "";
  OptionPtr option = query->getOption(DHO_VENDOR_CLASS_IDENTIFIER);
  return option ? hexDotted(option->getData()) : "";
}

void report(const char* op, const Lease4Ptr& lease, const std::string& vci) {
  if (!lease || script.empty()) return;
  // everything the child needs is built before fork: after it, only exec and _exit
  const std::string ip = lease->addr_.toText();
  const std::string mac = lease->hwaddr_ ? lease->hwaddr_->toText(false) : "";
  const pid_t child = fork();
  if (child == 0) {
    if (fork() == 0) {
      execl(script.c_str(), script.c_str(), op, ip.c_str(), mac.c_str(), vci.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    _exit(0);
  }
  if (child > 0) waitpid(child, nullptr, 0);
}

}  // namespace

extern "C" {

int version() { return KEA_HOOKS_VERSION; }

int multi_threading_compatible() { return 1; }

int load(LibraryHandle& handle) {
  ConstElementPtr name = handle.getParameter("script");
  if (!name || name->getType() != Element::string || name->stringValue().empty()) return 1;
  script = name->stringValue();
  return 0;
}

int unload() { return 0; }

int leases4_committed(CalloutHandle& handle) {
  Pkt4Ptr query;
  Lease4CollectionPtr leases;
  handle.getArgument("query4", query);
  handle.getArgument("leases4", leases);
  if (!leases) return 0;
  const std::string vci = vendorClass(query);
  for (const Lease4Ptr& lease : *leases) report("commit", lease, vci);
  return 0;
}

int lease4_release(CalloutHandle& handle) {
  Pkt4Ptr query;
  Lease4Ptr lease;
  handle.getArgument("query4", query);
  handle.getArgument("lease4", lease);
  report("release", lease, vendorClass(query));
  return 0;
}

int lease4_expire(CalloutHandle& handle) {
  Lease4Ptr lease;
  handle.getArgument("lease4", lease);
  report("expiry", lease, "");
  return 0;
}

}  // extern "C"
