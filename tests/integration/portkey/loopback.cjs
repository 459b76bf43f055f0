// Preloaded into Portkey's gateway (node --require loopback.cjs start-server.js --port=0): its
// start-server.js listens on every interface; this makes a listen() that names no host bind
// 127.0.0.1 only, and writes the port it got to $PORTKEY_PORT_FILE once it listens, so the test
// can ask for port 0 and never races another process for a "free" port.
'use strict';
const fs = require('fs');
const net = require('net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
        if (args[1] === undefined || args[1] === null)
            args[1] = '127.0.0.1'; // listen(port, undefined, callback), as @hono/node-server calls it
        else if (typeof args[1] !== 'string')
            args.splice(1, 0, '127.0.0.1'); // listen(port, callback)
    } else if (args[0] && typeof args[0] === 'object' && args[0].port !== undefined && !args[0].host) {
        args[0] = { ...args[0], host: '127.0.0.1' };
    }
    const portFile = process.env.PORTKEY_PORT_FILE;
    if (portFile) {
        this.once('listening', () => {
            const address = this.address();
            if (address && typeof address === 'object') {
                // Written whole, then renamed: the test polls for a non-empty file.
                fs.writeFileSync(portFile + '.tmp', String(address.port));
                fs.renameSync(portFile + '.tmp', portFile);
            }
        });
    }
    return listen.apply(this, args);
};
