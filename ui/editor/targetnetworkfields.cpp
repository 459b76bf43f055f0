#include "ui/editor/targetnetworkfields.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace stampede::ui::editor {

TargetNetworkFields::TargetNetworkFields(QWidget *parent)
    : QObject(parent)
{
    const QString pem = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    m_caFile = addFile(parent, "caFileEdit", tr("CA file"), QStringLiteral("target.tls.ca_file"),
        tr("target.tls.ca_file: a PEM bundle of CAs trusted in addition to the system store, for gateways "
           "behind an internal CA"),
        pem);
    m_clientCert = addFile(parent, "clientCertEdit", tr("Client certificate"), QStringLiteral("target.tls.client_cert"),
        tr("target.tls.client_cert: a PEM client certificate for mutual TLS (with the client key)"), pem);
    m_clientKey = addFile(parent, "clientKeyEdit", tr("Client key"), QStringLiteral("target.tls.client_key"),
        tr("target.tls.client_key: the client certificate's PEM private key (not encrypted)"), pem);
    addInsecure(parent);

    m_proxy = new QLineEdit(parent);
    m_proxy->setObjectName(QStringLiteral("proxyEdit"));
    m_proxy->setPlaceholderText(tr("none; \"system\"; http://proxy:3128; socks5://host:1080"));
    m_rows.append({ tr("Proxy"), m_proxy, m_proxy, QStringLiteral("target.proxy"),
        tr("target.proxy: empty = no proxy (the environment's is ignored), \"system\" = the environment's "
           "(http_proxy, https_proxy, no_proxy), or an http://, socks5:// or socks5h:// URL. Errors of the "
           "proxy itself count as class \"proxy\".") });

    m_followRedirects = new QCheckBox(tr("Follow same-origin 307/308 redirects"), parent);
    m_followRedirects->setObjectName(QStringLiteral("followRedirectsCheck"));
    m_rows.append({ tr("Redirects"), m_followRedirects, m_followRedirects, QStringLiteral("target.follow_redirects"),
        tr("target.follow_redirects: re-send the request to a 307/308 Location on the same origin as the base "
           "URL (at most 5 hops), counted in the summary. 301/302/303 and other origins stay errors, so the "
           "key never leaves the base URL's origin.") });

    const auto bytes = [parent](const char *name, int min, int max) {
        auto *spin = new QSpinBox(parent);
        spin->setObjectName(QLatin1String(name));
        spin->setRange(min, max);
        spin->setSuffix(tr(" bytes"));
        spin->setGroupSeparatorShown(true);
        return spin;
    };
    m_maxResponse = bytes("maxResponseBytesSpin", 1, 1 << 30);
    m_rows.append(
        { tr("Response cap"), m_maxResponse, m_maxResponse, QStringLiteral("target.limits.max_response_bytes"),
            tr("target.limits.max_response_bytes: the most one response (streamed or not) may hold; a longer one is "
               "cut off and counts as malformed_response. 64 KiB to 1 GiB, default 16 MiB.") });
    m_maxEvent = bytes("maxEventBytesSpin", 1, 64 * 1024 * 1024);
    m_rows.append({ tr("SSE event cap"), m_maxEvent, m_maxEvent, QStringLiteral("target.limits.max_event_bytes"),
        tr("target.limits.max_event_bytes: the most one server-sent event (or unfinished line) may hold. 1 KiB "
           "to 64 MiB, default 1 MiB.") });
}

QLineEdit *TargetNetworkFields::addFile(QWidget *parent, const char *objectName, const QString &label,
    const QString &path, const QString &help, const QString &filter)
{
    auto *row = new QWidget(parent);
    auto *edit = new QLineEdit(row);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(tr("none"));
    auto *browse = new QPushButton(tr("Browse…"), row);
    browse->setObjectName(QString(QLatin1String(objectName) + QStringLiteral("Browse")));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, edit, [edit, label, filter] {
        const QString file = QFileDialog::getOpenFileName(edit, label, edit->text(), filter);
        if (!file.isEmpty()) {
            edit->setText(file);
            Q_EMIT edit->textEdited(file); // the page watches user edits
        }
    });
    m_rows.append({ label, row, edit, path, help });
    return edit;
}

void TargetNetworkFields::addInsecure(QWidget *parent)
{
    auto *box = new QWidget(parent);
    m_insecure = new QCheckBox(tr("Insecure: skip verification"), box);
    m_insecure->setObjectName(QStringLiteral("insecureCheck"));
    m_insecureWarning = new QLabel(tr("Certificate verification is OFF: anyone between you and the gateway can read "
                                      "the key and the traffic. Every report of this run is marked insecure."),
        box);
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setStyleSheet(QStringLiteral("color: #c5221f; font-weight: bold;"));
    m_insecureWarning->hide();
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_insecure);
    layout->addWidget(m_insecureWarning);
    connect(m_insecure, &QCheckBox::toggled, this, &TargetNetworkFields::refreshWarning);
    m_rows.append({ tr("TLS verification"), box, m_insecure, QStringLiteral("target.tls.insecure"),
        tr("target.tls.insecure: skip certificate verification entirely (self-signed test gateways only). "
           "The app, the CLI and every report flag such a run.") });
}

void TargetNetworkFields::refreshWarning()
{
    m_insecureWarning->setVisible(m_insecure->isChecked());
}

void TargetNetworkFields::load(const scenario::Target &target)
{
    m_caFile->setText(target.tls.caFile);
    m_clientCert->setText(target.tls.clientCert);
    m_clientKey->setText(target.tls.clientKey);
    m_insecure->setChecked(target.tls.insecure);
    refreshWarning();
    m_proxy->setText(target.proxy);
    m_followRedirects->setChecked(target.followRedirects);
    m_maxResponse->setValue(int(std::min<qint64>(target.limits.maxResponseBytes, m_maxResponse->maximum())));
    m_maxEvent->setValue(int(std::min<qint64>(target.limits.maxEventBytes, m_maxEvent->maximum())));
}

void TargetNetworkFields::save(scenario::Target &target) const
{
    target.tls.caFile = m_caFile->text().trimmed();
    target.tls.clientCert = m_clientCert->text().trimmed();
    target.tls.clientKey = m_clientKey->text().trimmed();
    target.tls.insecure = m_insecure->isChecked();
    target.proxy = m_proxy->text().trimmed();
    target.followRedirects = m_followRedirects->isChecked();
    target.limits.maxResponseBytes = m_maxResponse->value();
    target.limits.maxEventBytes = m_maxEvent->value();
}

} // namespace stampede::ui::editor
