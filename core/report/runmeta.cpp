#include "report/runmeta.h"

#include "report/jsonread.h"
#include "report/sanitize.h"

#include <QSysInfo>
#include <QThread>

namespace stampede::report {

using nlohmann::json;

Environment currentEnvironment()
{
    Environment env;
    env.os = QSysInfo::prettyProductName();
    env.kernel = QSysInfo::kernelType() + QLatin1Char(' ') + QSysInfo::kernelVersion();
    env.cpuArchitecture = QSysInfo::currentCpuArchitecture();
    env.cpuCount = QThread::idealThreadCount();
    env.qtVersion = QString::fromLatin1(qVersion());
    env.hostname = QSysInfo::machineHostName();
    return env;
}

json runMetaToJson(const RunMeta &meta)
{
    json steps = json::array();
    for (const auto &step : meta.plan.steps)
        steps.push_back({ { "time_ms", step.timeMs }, { "target", step.target } });
    json models = json::array();
    for (const QString &model : meta.models)
        models.push_back(model.toStdString());
    const Environment &env = meta.environment;
    return { { "format", "stampede-run" }, { "format_version", 1 },
        { "tool", { { "name", "stampede" }, { "version", meta.toolVersion.toStdString() } } },
        { "started_at", meta.startedAt.toUTC().toString(Qt::ISODateWithMs).toStdString() },
        { "scenario_name", meta.scenario.name.toStdString() },
        { "target", { { "base_url", displayUrl(meta.baseUrl).toStdString() }, { "builtin", meta.builtinGateway } } },
        { "models", models },
        { "plan", { { "open_model", meta.plan.openModel }, { "total_ms", meta.plan.totalMs }, { "steps", steps } } },
        { "segment", { { "index", meta.segment.index }, { "count", meta.segment.count } } },
        { "worker_threads", meta.workerThreads }, { "transport", meta.transport.toStdString() },
        { "environment",
            { { "os", env.os.toStdString() }, { "kernel", env.kernel.toStdString() },
                { "cpu_architecture", env.cpuArchitecture.toStdString() }, { "cpu_count", env.cpuCount },
                { "qt_version", env.qtVersion.toStdString() }, { "hostname", env.hostname.toStdString() } } } };
}

RunMeta runMetaFromJson(const json &j)
{
    RunMeta meta;
    meta.toolVersion = jsonString(j, { "tool", "version" });
    meta.startedAt = QDateTime::fromString(jsonString(j, { "started_at" }), Qt::ISODateWithMs).toUTC();
    meta.baseUrl = QUrl(jsonString(j, { "target", "base_url" }));
    meta.builtinGateway = jsonValue<bool>(j, { "target", "builtin" }, false);
    meta.scenario.name = jsonString(j, { "scenario_name" });
    if (const json *models = jsonAt(j, { "models" }); models && models->is_array()) {
        for (const json &m : *models)
            if (m.is_string())
                meta.models << QString::fromStdString(m.get<std::string>());
    }
    meta.plan.openModel = jsonValue<bool>(j, { "plan", "open_model" }, false);
    meta.plan.totalMs = jsonValue<qint64>(j, { "plan", "total_ms" }, 0);
    if (const json *steps = jsonAt(j, { "plan", "steps" }); steps && steps->is_array()) {
        for (const json &s : *steps)
            meta.plan.steps.append({ jsonValue<qint64>(s, { "time_ms" }, 0), jsonValue<double>(s, { "target" }, 0) });
    }
    QString segmentError;
    if (const auto segment = scenario::parseSegment(QStringLiteral("%1/%2")
                                                        .arg(jsonValue<int>(j, { "segment", "index" }, 0))
                                                        .arg(jsonValue<int>(j, { "segment", "count" }, 1)),
            &segmentError))
        meta.segment = *segment; // a damaged one reads as the whole plan
    meta.workerThreads = jsonValue<int>(j, { "worker_threads" }, 0);
    meta.transport = jsonString(j, { "transport" });
    meta.environment.os = jsonString(j, { "environment", "os" });
    meta.environment.kernel = jsonString(j, { "environment", "kernel" });
    meta.environment.cpuArchitecture = jsonString(j, { "environment", "cpu_architecture" });
    meta.environment.cpuCount = jsonValue<int>(j, { "environment", "cpu_count" }, 0);
    meta.environment.qtVersion = jsonString(j, { "environment", "qt_version" });
    meta.environment.hostname = jsonString(j, { "environment", "hostname" });
    return meta;
}

} // namespace stampede::report
