#include "fleet/metricsendpoint.h"

#include <prometheus/collectable.h>
#include <prometheus/exposer.h>

#include <QHostAddress>

#include <exception>
#include <mutex>

namespace stampede::fleet {

/// The families last published; what every scrape serves.
class FamilyStore : public prometheus::Collectable
{
public:
    explicit FamilyStore(std::vector<prometheus::ClientMetric::Label> constLabels)
        : m_constLabels(std::move(constLabels))
    {
        set(metricFamilies({}, {}, m_constLabels));
    }

    std::vector<prometheus::MetricFamily> Collect() const override
    {
        const std::lock_guard lock(m_mutex);
        return m_families;
    }

    void publish(const QList<metrics::GroupStats> &models, const AgentGauges &gauges)
    {
        set(metricFamilies(models, gauges, m_constLabels));
    }

private:
    void set(std::vector<prometheus::MetricFamily> families)
    {
        const std::lock_guard lock(m_mutex);
        m_families.swap(families);
    }

    const std::vector<prometheus::ClientMetric::Label> m_constLabels;
    mutable std::mutex m_mutex;
    std::vector<prometheus::MetricFamily> m_families;
};

MetricsEndpoint::~MetricsEndpoint() = default;

std::unique_ptr<MetricsEndpoint> MetricsEndpoint::listen(
    const QString &address, int port, std::vector<prometheus::ClientMetric::Label> constLabels, QString *error)
{
    const QHostAddress host(address);
    if (host.isNull()) {
        *error = QStringLiteral("metrics address \"%1\" is not an IP address (e.g. 127.0.0.1, 0.0.0.0 or ::)")
                     .arg(address);
        return nullptr;
    }
    if (port < 0 || port > 65535) {
        *error = QStringLiteral("metrics port %1 is not a port (0 to 65535; 0 picks a free one)").arg(port);
        return nullptr;
    }
    const bool v6 = host.protocol() == QAbstractSocket::IPv6Protocol;
    const QString bind = (v6 ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2")).arg(host.toString()).arg(port);
    std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint);
    endpoint->m_store = std::make_shared<FamilyStore>(std::move(constLabels));
    try {
        // Two threads: a scrape is a copy and a serialisation; a slow scraper holds one of them.
        endpoint->m_exposer = std::make_unique<prometheus::Exposer>(std::vector<std::string> {
            "listening_ports", bind.toStdString(), "num_threads", "2", "request_timeout_ms", "10000" });
    } catch (const std::exception &e) {
        *error = QStringLiteral("cannot serve metrics on %1: %2").arg(bind, QString::fromLocal8Bit(e.what()));
        return nullptr;
    }
    const auto ports = endpoint->m_exposer->GetListeningPorts();
    if (ports.empty()) {
        *error = QStringLiteral("cannot serve metrics on %1: no listening port").arg(bind);
        return nullptr;
    }
    endpoint->m_port = ports.front();
    endpoint->m_address = v6 ? QStringLiteral("[%1]").arg(host.toString()) : host.toString();
    endpoint->m_exposer->RegisterCollectable(endpoint->m_store);
    return endpoint;
}

QString MetricsEndpoint::url() const
{
    return QStringLiteral("http://%1:%2/metrics").arg(m_address).arg(m_port);
}

void MetricsEndpoint::publish(const metrics::Snapshot &snapshot)
{
    m_store->publish(snapshot.models, gaugesOf(snapshot));
}

void MetricsEndpoint::publish(const metrics::RunSummary &summary)
{
    m_store->publish(summary.models, gaugesOf(summary));
}

} // namespace stampede::fleet
