/** Every suite runs in UTC, so that period buckets never depend on the machine's zone. */
module.exports = async () => {
  process.env.TZ = 'UTC';
};
