#pragma once
// An agent's /metrics (issue 15; docs/scale-out.md, "Live fleet view"): prometheus-cpp's exposer
// (CivetWeb, its own threads) serves the families last published. publish() is called on the thread
// that hears the run's snapshots (the CLI's main thread); scrapes read a copy under a lock, so a
// scrape never waits for the engine and the engine never waits for a scrape.

#include "fleet/promfamilies.h"

#include <QString>

#include <memory>

namespace prometheus {
class Exposer;
}

namespace stampede::fleet {

class FamilyStore;

class MetricsEndpoint
{
public:
    ~MetricsEndpoint();
    MetricsEndpoint(const MetricsEndpoint &) = delete;
    MetricsEndpoint &operator=(const MetricsEndpoint &) = delete;

    /// Listens on address:port (port 0: a free one; IPv6 addresses bare, e.g. "::1"). Null with a
    /// specific `error` when it cannot (address in use, not an address of this machine, ...).
    /// `constLabels` go on every series (the CLI puts segment and scenario there).
    static std::unique_ptr<MetricsEndpoint> listen(
        const QString &address, int port, std::vector<prometheus::ClientMetric::Label> constLabels, QString *error);

    int port() const { return m_port; }
    /// e.g. "http://127.0.0.1:9464/metrics"
    QString url() const;

    void publish(const metrics::Snapshot &snapshot);
    void publish(const metrics::RunSummary &summary);

private:
    MetricsEndpoint() = default;
    std::shared_ptr<FamilyStore> m_store;
    std::unique_ptr<prometheus::Exposer> m_exposer;
    QString m_address;
    int m_port = 0;
};

} // namespace stampede::fleet
