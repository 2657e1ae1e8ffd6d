// Reads a roCreate message with @mos-connection/helper (the MOS library Sofie uses) and
// prints what it understood as JSON: the running order's start instant and its stories.
const fs = require('fs')
const { xml2js, MosModel } = require('@mos-connection/helper')

const message = xml2js(fs.readFileSync(process.argv[2], 'utf8')).mos
const ro = MosModel.XMLRunningOrder.fromXML('roCreate', message.roCreate, true)
process.stdout.write(JSON.stringify({
  start: ro.EditorialStart ? new Date(ro.EditorialStart._mosTime).toISOString() : null,
  duration_s: ro.EditorialDuration ? ro.EditorialDuration._mosDuration : null,
  stories: ro.Stories.map((s) => ({ id: s.ID._mosString128, slug: s.Slug && s.Slug._mosString128, items: s.Items.length })),
}))
