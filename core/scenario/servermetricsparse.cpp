// "server_metrics": read, written and checked here (docs/metrics.md, "Server-side metrics").

#include "model/promselector.h"
#include "scenario/duration.h"
#include "scenario/sections.h"

#include <QUrl>

namespace stampede::scenario::detail {

namespace {

using Config = ServerMetricsConfig;

void readFormat(const ObjectReader &reader, Config &config)
{
    const Json *value = reader.find("format");
    QString name;
    if (!value || !readString(*value, reader.pathOf("format"), reader.errors(), name))
        return;
    if (name == QLatin1String("prometheus"))
        config.format = Config::Format::Prometheus;
    else if (name == QLatin1String("json"))
        config.format = Config::Format::Json;
    else
        reader.errors().append({ reader.pathOf("format"),
            QStringLiteral("unknown format \"%1\"; expected \"prometheus\" or \"json\"").arg(name) });
}

void readSeries(const ObjectReader &reader, Config &config)
{
    const Json *value = reader.find("series");
    if (!value)
        return;
    const QString path = reader.pathOf("series");
    if (!value->is_array()) {
        typeError(reader.errors(), path, QLatin1StringView("an array of strings"), *value);
        return;
    }
    config.series.clear();
    for (size_t i = 0; i < value->size(); ++i) {
        QString item;
        if (readString((*value)[i], indexPath(path, qsizetype(i)), reader.errors(), item))
            config.series.append(item);
    }
}

void checkUrl(const QString &text, Errors &errors)
{
    const QString path = QStringLiteral("server_metrics.url");
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (text.trimmed().isEmpty())
        errors.append({ path, QStringLiteral("missing; the metrics endpoint, e.g. http://gateway:4000/metrics") });
    else if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty())
        errors.append(
            { path, QStringLiteral("expected an http:// or https:// URL with a host, got \"%1\"").arg(text) });
    else if (!url.userInfo().isEmpty())
        errors.append(
            { path, QStringLiteral("credentials never go in the URL; set send_key to send the run's API key") });
}

void checkSeriesItem(const Config &config, qsizetype i, Errors &errors)
{
    const QString path = QStringLiteral("server_metrics.series[%1]").arg(i);
    const QString &item = config.series[i];
    if (item.trimmed().isEmpty()) {
        errors.append({ path, QStringLiteral("empty; name a metric (prometheus) or a field path (json)") });
        return;
    }
    if (config.series.indexOf(item) < i) {
        errors.append({ path, QStringLiteral("\"%1\" is listed twice").arg(item) });
        return;
    }
    QString why;
    if (config.format == Config::Format::Prometheus && !model::parsePromSelector(item, &why))
        errors.append(
            { path, QStringLiteral("not a series selector (%1): expected name or name{label=\"value\"}").arg(why) });
    if (config.format == Config::Format::Json
        && (item.startsWith(QLatin1Char('.')) || item.endsWith(QLatin1Char('.')) || item.contains(QLatin1String(".."))))
        errors.append({ path, QStringLiteral("not a field path: expected names joined by dots, e.g. usage.rpm") });
}

} // namespace

void readServerMetrics(const Json &value, std::optional<ServerMetricsConfig> &out, Errors &errors)
{
    const ObjectReader reader(value, QStringLiteral("server_metrics"), errors);
    if (!reader.isObject())
        return;
    reader.rejectUnknownKeys({ "url", "format", "interval", "series", "send_key" },
        [&errors](const QString &key, const QString &path) { return rejectApiKey(errors, key, path); });
    Config config;
    reader.require("url", QStringLiteral("the metrics endpoint, e.g. http://gateway:4000/metrics"));
    reader.read("url", config.url);
    readFormat(reader, config);
    reader.readDuration("interval", config.intervalMs);
    if (reader.require("series", QStringLiteral("a list of series to chart, e.g. [\"vllm:num_requests_running\"]")))
        readSeries(reader, config);
    reader.read("send_key", config.sendKey);
    out = config;
}

Json serverMetricsToJson(const ServerMetricsConfig &config)
{
    Json series = Json::array();
    for (const QString &item : config.series)
        series.push_back(item.toStdString());
    Json json = Json::object();
    json["url"] = config.url.toStdString();
    json["format"] = toString(config.format).toStdString();
    json["interval"] = formatDuration(config.intervalMs).toStdString();
    json["series"] = series;
    json["send_key"] = config.sendKey;
    return json;
}

void checkServerMetrics(const std::optional<ServerMetricsConfig> &config, Errors &errors)
{
    if (!config)
        return;
    checkUrl(config->url, errors);
    if (config->intervalMs < Config::kMinIntervalMs || config->intervalMs > Config::kMaxIntervalMs)
        errors.append({ QStringLiteral("server_metrics.interval"),
            QStringLiteral("must be between 1s and 1h, got %1").arg(formatDuration(config->intervalMs)) });
    if (config->series.isEmpty())
        errors.append(
            { QStringLiteral("server_metrics.series"), QStringLiteral("empty; name at least one series to chart") });
    else if (config->series.size() > Config::kMaxSeries)
        errors.append({ QStringLiteral("server_metrics.series"),
            QStringLiteral("%1 series; at most %2 can be charted")
                .arg(config->series.size())
                .arg(Config::kMaxSeries) });
    else {
        for (qsizetype i = 0; i < config->series.size(); ++i)
            checkSeriesItem(*config, i, errors);
    }
}

} // namespace stampede::scenario::detail
