#pragma once
// The Target page's connection fields: target.tls (CA file, client certificate and key with file
// pickers, "Insecure: skip verification" with a red warning while it is on), target.proxy,
// target.follow_redirects and target.limits. The page binds, watches and lays out the rows this
// class makes; it loads and saves them. GUI thread only.

#include "ui/editor/editorfields.h"

#include "scenario/scenario.h"

#include <QObject>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace stampede::ui::editor {

class TargetNetworkFields : public QObject
{
    Q_OBJECT
public:
    /// The widgets are children of `parent` (the page).
    explicit TargetNetworkFields(QWidget *parent);

    using Row = FieldRow;
    QList<Row> rows() const { return m_rows; }

    void load(const scenario::Target &target);
    void save(scenario::Target &target) const;

private:
    QLineEdit *addFile(QWidget *parent, const char *objectName, const QString &label, const QString &path,
        const QString &help, const QString &filter);
    void addInsecure(QWidget *parent);
    void refreshWarning();

    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_clientCert = nullptr;
    QLineEdit *m_clientKey = nullptr;
    QCheckBox *m_insecure = nullptr;
    QLabel *m_insecureWarning = nullptr;
    QLineEdit *m_proxy = nullptr;
    QCheckBox *m_followRedirects = nullptr;
    QSpinBox *m_maxResponse = nullptr;
    QSpinBox *m_maxEvent = nullptr;
    QList<Row> m_rows;
};

} // namespace stampede::ui::editor
