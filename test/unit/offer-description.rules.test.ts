import { describe, expect, test } from 'vitest'
import { checkDescription, checkDescriptionHtml } from '../../src/server/modules/offers/offer-description.rules.js'

const GUIDE_EXAMPLE = `<h1>Lorem ipsum dolor sit amet, consectetur adipiscing elit</h1>
<p><b>Aliquam vitae nisi ac lectus gravida rhoncus</b>. Vivamus egestas, orci quis fermentum.</p>
<ul>
    <li><b>Nulla eu justo ut velit pellentesque porta.</b></li>
    <li>Pellentesque eget arcu id ligula consequat fermentum.</li>
</ul>
<ol>
    <li><p><b>In eget vulputate purus</b></p></li>
    <li><p>Integer a pharetra odio.</p></li>
</ol>`

describe('HTML of a TEXT item', () => {
  test.each([
    ['the guide\'s example', GUIDE_EXAMPLE],
    ['a paragraph', '<p>opis tekstowy</p>'],
    ['a heading', '<h1>Tytuł sekcji</h1>'],
    ['entities in text', '<p>Tom &amp; Jerry &lt;3</p>'],
  ])('%s is fine', (_name, html) => {
    expect(checkDescriptionHtml(html)).toEqual([])
  })

  test.each([
    ['text outside tags', 'opis tekstowy', 'Text must be placed inside HTML tags'],
    ['a tag inside h1', '<h1><b>Tytuł sekcji</b></h1>', 'Nothing may be placed inside <h1>'],
    ['upper-case tags', '<P>opis</P>', 'HTML tags must be lower-case: <P>'],
    ['a tag not on the list', '<p>opis <i>kursywa</i></p>', 'The tag <i> is not allowed'],
    ['b at the top level', '<b>gruby</b>', 'The tag <b> may not be placed at the top level'],
    ['li outside a list', '<li>punkt</li>', 'The tag <li> may not be placed at the top level'],
    ['p inside p', '<p><p>x</p></p>', 'The tag <p> may not be placed inside <p>'],
    ['an attribute', '<p style="color:red">x</p>', 'HTML tags may not have attributes: <p style="color:red">'],
    ['an unclosed tag', '<p>x', 'Unclosed tag <p>'],
    ['a stray closing tag', '<p>x</p></ul>', 'Unexpected closing tag </ul>'],
    ['the guide\'s broken example', '<h1><b>Tytuł sekcji<b></h1>', 'Nothing may be placed inside <h1>'],
  ])('%s is refused', (_name, html, problem) => {
    expect(checkDescriptionHtml(html)).toContain(problem)
  })
})

describe('description structure', () => {
  const images = new Set(['https://img.example.pl/1'])
  const text = (content: string) => ({ type: 'TEXT', content })
  const image = (url: string) => ({ type: 'IMAGE', url })

  test('missing or empty descriptions ask to describe the offer', () => {
    for (const description of [null, undefined, {}, { sections: [] }]) {
      expect(checkDescription(description, images).map(v => v.message)).toEqual(['Please describe your offer.'])
    }
  })

  test('one or two items a section, TEXT or IMAGE, images from the gallery only', () => {
    expect(checkDescription({ sections: [{ items: [text('<p>a</p>'), image('https://img.example.pl/1')] }] }, images)).toEqual([])
    const problems = checkDescription({
      sections: [
        { items: [] },
        { items: [text('<p>a</p>'), text('<p>b</p>'), text('<p>c</p>')] },
        { items: [image('https://elsewhere.example.pl/2')] },
        { items: [{ type: 'VIDEO' }] },
      ],
    }, images)
    expect(problems.map(v => v.path)).toEqual([
      'description.sections[0].items', 'description.sections[1].items', 'description.sections[2].items[0].url', 'description.sections[3].items[0].type',
    ])
  })

  test('at most 100 sections and 40 000 bytes', () => {
    const many = { sections: Array.from({ length: 101 }, () => ({ items: [text('<p>a</p>')] })) }
    expect(checkDescription(many, images).map(v => v.path)).toContain('description.sections')
    const big = { sections: [{ items: [text(`<p>${'ż'.repeat(20_000)}</p>`)] }] }
    expect(checkDescription(big, images).map(v => v.message)[0]).toMatch(/bytes long; at most 40000/)
  })
})
