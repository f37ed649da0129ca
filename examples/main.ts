// The example app's entry point: `npm run synth` (or `cdktf synth`) writes cdktf.out/ with one stack per team.
import { App } from 'cdktf';
import { buildOrganisation } from './organisation';

buildOrganisation(new App()).synth();
