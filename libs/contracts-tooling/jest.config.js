module.exports = require('../../jest.preset').tiers(__dirname);
