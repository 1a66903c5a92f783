module.exports = async () => {
  await require('./boot').shutdown();
};
