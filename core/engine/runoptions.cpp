#include "engine/runoptions.h"

namespace stampede::engine {

QString apiKeyFromEnvironment(const QString &variableName)
{
    return variableName.isEmpty() ? QString() : qEnvironmentVariable(variableName.toLocal8Bit().constData());
}

} // namespace stampede::engine
