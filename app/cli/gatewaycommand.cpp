#include "cli/commands.h"
#include "cli/exitcodes.h"
#include "cli/output.h"
#include "cli/signalwatcher.h"

#include "gateway/simgateway.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>

namespace stampede::cli {

int gatewayCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serve the simulated gateway: OpenAI Chat (POST /v1/chat/completions), OpenAI Responses (POST "
                       "/v1/responses), Anthropic Messages (POST /v1/messages), Gemini (POST "
                       "/v1beta/models/{model}:generateContent, :streamGenerateContent) and GET /v1/models."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port (default 8080; 0 picks a free one)"),
        QStringLiteral("port"), QStringLiteral("8080"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1)"),
        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption config(QStringLiteral("config"),
        QStringLiteral("Gateway behaviour JSON (example: /usr/share/stampede/gateway/example.json, in the source tree "
                       "resources/gateway/example.json)"),
        QStringLiteral("file"));
    parser.addOptions({ port, host, config });
    parser.process(arguments);

    gateway::GatewayConfig gatewayConfig = gateway::defaultConfig();
    if (parser.isSet(config)) {
        QFile file(parser.value(config));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << "cannot read " << file.fileName() << ": " << file.errorString() << "\n";
            return ExitUsage;
        }
        QString error;
        gatewayConfig = gateway::parseGatewayConfig(file.readAll(), &error);
        if (!error.isEmpty()) {
            err() << file.fileName() << ": " << error << "\n";
            return ExitInvalidScenario;
        }
    }
    bool portOk = false;
    const int portNumber = parser.value(port).toInt(&portOk);
    const QHostAddress address(parser.value(host));
    if (!portOk || portNumber < 0 || portNumber > 65535 || address.isNull()) {
        err() << "invalid --port or --host\n";
        return ExitUsage;
    }
    gateway::SimGateway server;
    if (!server.start(gatewayConfig, quint16(portNumber), address)) {
        err() << "cannot start the gateway: " << server.errorString() << "\n";
        return ExitRunFailed;
    }
    out() << "Stampede simulated gateway listening on " << server.baseUrl().toString() << "  (models: ";
    QStringList names;
    for (const auto &model : gatewayConfig.models)
        names << model.model;
    out() << names.join(QStringLiteral(", ")) << "; Ctrl-C stops)\n";
    out().flush();
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::interrupted, [&] {
        err() << "Stopping; served " << server.requestsServed() << " requests\n";
        QCoreApplication::exit(ExitOk);
    });
    return QCoreApplication::exec();
}

} // namespace stampede::cli
