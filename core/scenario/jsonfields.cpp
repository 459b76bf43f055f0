#include "scenario/jsonfields.h"

#include "scenario/duration.h"

#include "model/suggestion.h"

#include <cmath>
#include <limits>

namespace stampede::scenario::detail {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString describe(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::string: {
        QString text = fromStd(value.get_ref<const std::string &>());
        if (text.size() > 40)
            text = text.left(37) + QStringLiteral("...");
        return QStringLiteral("string \"") + text + QLatin1Char('"');
    }
    case Json::value_t::boolean:
        return value.get<bool>() ? QStringLiteral("boolean true") : QStringLiteral("boolean false");
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return QStringLiteral("number ") + fromStd(value.dump());
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::array:
        return QStringLiteral("an array");
    case Json::value_t::object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("an unsupported value");
    }
}

QString memberPath(const QString &parent, std::string_view key)
{
    return memberPath(parent, fromStd(key));
}

QString memberPath(const QString &parent, const QString &key)
{
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString indexPath(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

void typeError(Errors &errors, const QString &path, QLatin1StringView what, const Json &value)
{
    errors.append({ path, QStringLiteral("expected ") + what + QStringLiteral(", got ") + describe(value) });
}

QString unknownKeyMessage(const QString &key, const QStringList &known)
{
    const QString suggestion = model::suggestionSuffix(key, known);
    if (!suggestion.isEmpty())
        return QStringLiteral("unknown key") + suggestion;
    return QStringLiteral("unknown key; known keys: ") + known.join(QStringLiteral(", "));
}

bool readString(const Json &value, const QString &path, Errors &errors, QString &out)
{
    if (!value.is_string()) {
        typeError(errors, path, QLatin1StringView("a string"), value);
        return false;
    }
    out = fromStd(value.get_ref<const std::string &>());
    return true;
}

bool readNumber(const Json &value, const QString &path, Errors &errors, double &out)
{
    if (!value.is_number()) {
        typeError(errors, path, QLatin1StringView("a number"), value);
        return false;
    }
    out = value.get<double>();
    return true;
}

bool readInteger(const Json &value, const QString &path, Errors &errors, qint64 min, qint64 max, qint64 &out)
{
    const double asDouble = value.is_number() ? value.get<double>() : 0.5;
    if (!value.is_number() || std::trunc(asDouble) != asDouble) {
        typeError(errors, path, QLatin1StringView("a whole number"), value);
        return false;
    }
    // Compare as double first so that huge values never reach the integer conversion.
    const bool inRange = asDouble >= double(min) && asDouble <= double(max)
        && (!value.is_number_unsigned() || value.get<std::uint64_t>() <= std::uint64_t(max));
    const qint64 whole = inRange ? (value.is_number_float() ? qint64(asDouble) : value.get<qint64>()) : 0;
    if (!inRange || whole < min || whole > max) {
        errors.append(
            { path, QStringLiteral("%1 is out of range (%2 to %3)").arg(fromStd(value.dump())).arg(min).arg(max) });
        return false;
    }
    out = whole;
    return true;
}

bool readBool(const Json &value, const QString &path, Errors &errors, bool &out)
{
    if (!value.is_boolean()) {
        typeError(errors, path, QLatin1StringView("true or false"), value);
        return false;
    }
    out = value.get<bool>();
    return true;
}

bool readDuration(const Json &value, const QString &path, Errors &errors, qint64 &out)
{
    if (!value.is_string()) {
        typeError(errors, path, QLatin1StringView("a duration string such as \"30s\""), value);
        return false;
    }
    const QString text = fromStd(value.get_ref<const std::string &>());
    const std::optional<qint64> ms = parseDuration(text);
    if (!ms) {
        errors.append(
            { path, QLatin1Char('"') + text + QStringLiteral("\" is not a duration (use e.g. \"30s\", \"2m\")") });
        return false;
    }
    out = *ms;
    return true;
}

ObjectReader::ObjectReader(const Json &value, QString path, Errors &errors)
    : m_value(value)
    , m_path(std::move(path))
    , m_errors(errors)
    , m_isObject(value.is_object())
{
    if (!m_isObject)
        typeError(m_errors, m_path, QLatin1StringView("an object"), value);
}

const Json *ObjectReader::find(std::string_view key) const
{
    if (!m_isObject)
        return nullptr;
    const auto it = m_value.find(std::string(key));
    return it == m_value.end() ? nullptr : &*it;
}

void ObjectReader::read(std::string_view key, QString &out) const
{
    if (const Json *value = find(key))
        readString(*value, pathOf(key), m_errors, out);
}

void ObjectReader::read(std::string_view key, double &out) const
{
    if (const Json *value = find(key))
        readNumber(*value, pathOf(key), m_errors, out);
}

void ObjectReader::read(std::string_view key, int &out) const
{
    qint64 whole = 0;
    const Json *value = find(key);
    if (value
        && readInteger(
            *value, pathOf(key), m_errors, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), whole))
        out = int(whole);
}

void ObjectReader::read(std::string_view key, bool &out) const
{
    if (const Json *value = find(key))
        readBool(*value, pathOf(key), m_errors, out);
}

void ObjectReader::readDuration(std::string_view key, qint64 &out) const
{
    if (const Json *value = find(key))
        detail::readDuration(*value, pathOf(key), m_errors, out);
}

bool ObjectReader::require(std::string_view key, const QString &hint) const
{
    if (!m_isObject || find(key))
        return m_isObject;
    m_errors.append({ pathOf(key), QStringLiteral("missing; ") + hint });
    return false;
}

void ObjectReader::rejectUnknownKeys(std::initializer_list<std::string_view> known, const KeyHandler &special) const
{
    if (!m_isObject)
        return;
    QStringList knownNames;
    for (std::string_view name : known)
        knownNames.append(fromStd(name));
    for (const auto &member : m_value.items()) {
        const QString key = fromStd(member.key());
        if (knownNames.contains(key))
            continue;
        const QString path = memberPath(m_path, key);
        if (special && special(key, path))
            continue;
        m_errors.append({ path, unknownKeyMessage(key, knownNames) });
    }
}

Json numberToJson(double value)
{
    constexpr double kExactIntegers = 9007199254740992.0; // 2^53
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < kExactIntegers)
        return Json(static_cast<std::int64_t>(value));
    return Json(value);
}

std::optional<Http2Mode> http2FromString(const QString &text)
{
    for (Http2Mode mode : { Http2Mode::Auto, Http2Mode::Http1, Http2Mode::H2c }) {
        if (toString(mode) == text)
            return mode;
    }
    return std::nullopt;
}

std::optional<Arrival> arrivalFromString(const QString &text)
{
    for (Arrival arrival : { Arrival::Uniform, Arrival::Poisson }) {
        if (toString(arrival) == text)
            return arrival;
    }
    return std::nullopt;
}

} // namespace stampede::scenario::detail
