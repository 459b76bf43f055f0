#pragma once
// Internal to the scenario room: typed reading of JSON values where every problem becomes a
// ValidationError naming its JSON path ("models[1].weight: expected a number, got string "abc"").

#include "scenario/scenarioio.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <string_view>

namespace stampede::scenario::detail {

/// ordered_json keeps file order, which thresholds and the written file rely on.
using Json = nlohmann::ordered_json;
using Errors = QList<ValidationError>;

QString fromStd(std::string_view text);
/// "string \"abc\"", "number 5", "boolean true", "null", "an array", "an object".
QString describe(const Json &value);
QString memberPath(const QString &parent, std::string_view key);
QString memberPath(const QString &parent, const QString &key);
QString indexPath(const QString &parent, qsizetype index);
/// "expected <what>, got <describe(value)>".
void typeError(Errors &errors, const QString &path, QLatin1StringView what, const Json &value);
/// "unknown key; did you mean ...?" or "unknown key; known keys: ...".
QString unknownKeyMessage(const QString &key, const QStringList &known);

bool readString(const Json &value, const QString &path, Errors &errors, QString &out);
bool readNumber(const Json &value, const QString &path, Errors &errors, double &out);
/// A whole number in [min, max]; 150.0 counts as whole.
bool readInteger(const Json &value, const QString &path, Errors &errors, qint64 min, qint64 max, qint64 &out);
bool readBool(const Json &value, const QString &path, Errors &errors, bool &out);
/// A duration string such as "30s"; numbers are rejected because their unit would be a guess.
bool readDuration(const Json &value, const QString &path, Errors &errors, qint64 &out);

/// Reads the members of one JSON object. A non-object is reported once and then reads nothing.
class ObjectReader
{
public:
    ObjectReader(const Json &value, QString path, Errors &errors);

    bool isObject() const { return m_isObject; }
    const Json *find(std::string_view key) const;
    QString pathOf(std::string_view key) const { return memberPath(m_path, key); }
    const QString &path() const { return m_path; }
    Errors &errors() const { return m_errors; }

    // Each read leaves `out` untouched when the key is absent or has the wrong type.
    void read(std::string_view key, QString &out) const;
    void read(std::string_view key, double &out) const;
    void read(std::string_view key, int &out) const;
    void read(std::string_view key, bool &out) const;
    void readDuration(std::string_view key, qint64 &out) const;
    /// Reports a missing key ("missing; <hint>"); returns whether it is present.
    bool require(std::string_view key, const QString &hint) const;

    /// Special-case hook for rejectUnknownKeys: return true when the key was handled (reported).
    using KeyHandler = std::function<bool(const QString &key, const QString &path)>;
    /// Reports every member not in `known` with the closest known key as a suggestion.
    void rejectUnknownKeys(std::initializer_list<std::string_view> known, const KeyHandler &special = {}) const;

private:
    const Json &m_value;
    QString m_path;
    Errors &m_errors;
    bool m_isObject = false;
};

/// Whole numbers are written as JSON integers ("30", not "30.0").
Json numberToJson(double value);
std::optional<Http2Mode> http2FromString(const QString &text);
std::optional<Arrival> arrivalFromString(const QString &text);

} // namespace stampede::scenario::detail
