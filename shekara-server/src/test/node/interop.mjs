// Two TAK clients, built and parsed with @tak-ps/node-cot, on plain sockets or on TLS with the client
// certificates `shekara certs issue` wrote (Node's own tls).
// Usage: node interop.mjs PORT [tls CERTDIR] (CERTDIR/alpha.pem, alpha.key, bravo.pem, bravo.key, ca.pem).
// Reads commands on stdin (one a line):
//   sa    both clients send their SA (position report with team)
//   chat  ALPHA moves, sends GeoChat to All Chat Rooms and a ping; BRAVO reports again
//   quit  close and exit 0
// Prints one JSON object a line: {"stage": ...} after each command, and for every event a client
// receives {"client", "uid", "type", "how", "callsign", "lat", "lon", "remarks", "opex", "chatroom",
// "group", "course", "speed"} as node-cot parsed it. A frame node-cot cannot parse prints {"error"}.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import readline from 'node:readline';
import CoT, { DirectChat } from '@tak-ps/node-cot';

const port = Number(process.argv[2]);
const certDir = process.argv[3] === 'tls' ? process.argv[4] : null;

function connect(name) {
    if (!certDir) return net.createConnection({ host: '127.0.0.1', port });
    const file = (f) => fs.readFileSync(path.join(certDir, f));
    const user = name.toLowerCase();
    // The server's certificate is checked against the CA; its host name is not (a device enrolled by address).
    return tls.connect({
        host: '127.0.0.1', port, key: file(user + '.key'), cert: file(user + '.pem'), ca: file('ca.pem'),
        checkServerIdentity: () => undefined,
    });
}
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');

function client(name) {
    const socket = connect(name);
    let pending = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
        pending += chunk;
        let end;
        while ((end = pending.indexOf('</event>')) >= 0) {
            const xml = pending.slice(0, end + 8).trim();
            pending = pending.slice(end + 8);
            report(name, xml);
        }
    });
    socket.on('error', (err) => print({ client: name, error: 'socket: ' + err.message }));
    return socket;
}

function report(name, xml) {
    try {
        const cot = new CoT(xml);
        const feature = cot.to_geojson();
        const ev = cot.raw.event;
        const chat = ev.detail && ev.detail.__chat ? ev.detail.__chat._attributes : undefined;
        print({
            client: name,
            uid: ev._attributes.uid,
            type: ev._attributes.type,
            how: ev._attributes.how,
            opex: ev._attributes.opex ?? null,
            callsign: feature.properties.callsign,
            lat: feature.geometry.coordinates[1],
            lon: feature.geometry.coordinates[0],
            remarks: feature.properties.remarks ?? null,
            chatroom: chat ? chat.chatroom : null,
            group: feature.properties.group ? feature.properties.group.name : null,
            course: feature.properties.course ?? null,
            speed: feature.properties.speed ?? null,
            time: feature.properties.time,
            stale: feature.properties.stale,
        });
    } catch (err) {
        print({ client: name, error: String(err.message || err), xml });
    }
}

function sa(uid, callsign, team, lon, lat, time) {
    return CoT.from_geojson({
        id: uid,
        type: 'Feature',
        properties: {
            type: 'a-f-G-U-C',
            how: 'm-g',
            callsign,
            time, start: time, stale: new Date(Date.parse(time) + 120000).toISOString(),
            contact: { endpoint: '*:-1:stcp' },
            group: { name: team, role: 'Team Member' },
            course: 45, speed: 2.5,
        },
        geometry: { type: 'Point', coordinates: [lon, lat, 300] },
    }).to_xml();
}

const alpha = client('ALPHA');
const bravo = client('BRAVO');
let connected = 0;
for (const s of [alpha, bravo]) {
    s.on(certDir ? 'secureConnect' : 'connect', () => {
        if (++connected === 2) print({ stage: 'connected' });
    });
}

const T0 = '2026-03-14T06:30:00.000Z';
const T1 = '2026-03-14T06:30:30.000Z';
const commands = {
    sa() {
        alpha.write(sa('NODE-ALPHA', 'ALPHA', 'Cyan', 69.601, 42.301, T0));
        bravo.write(sa('NODE-BRAVO', 'BRAVO', 'Cyan', 69.702, 42.402, T0));
        print({ stage: 'sa' });
    },
    chat() {
        alpha.write(sa('NODE-ALPHA', 'ALPHA', 'Cyan', 69.611, 42.311, T1));
        const chat = new DirectChat({
            to: { uid: 'All Chat Rooms', callsign: 'All Chat Rooms' },
            from: { uid: 'NODE-ALPHA', callsign: 'ALPHA' },
            chatroom: 'All Chat Rooms',
            message: 'Vehicle at post 14',
        });
        alpha.write(chat.to_xml());
        alpha.write(CoT.ping().to_xml());
        bravo.write(sa('NODE-BRAVO', 'BRAVO', 'Cyan', 69.712, 42.412, T1));
        print({ stage: 'chat' });
    },
    quit() {
        alpha.end();
        bravo.end();
        print({ stage: 'quit' });
        process.exit(0);
    },
};

readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const cmd = commands[line.trim()];
    if (cmd) cmd();
    else print({ error: 'unknown command ' + line });
});
